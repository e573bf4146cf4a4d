// ui:widget "time" (time-of-day fields): the browser's time picker, seconds included (step 1), so
// 09:30:15 round-trips. The picker answers HH:MM when the seconds are zero and HH:MM:SS otherwise;
// the field always receives the API's canonical HH:MM:SS (rjsf's own TimeWidget appends ":00" to
// HH:MM:SS too, which the server would refuse).
import type { WidgetProps } from '@rjsf/utils';

export const canonicalTimeInput = (value: string): string | undefined => (value === '' ? undefined : value.length === 5 ? `${value}:00` : value);

export function TimeWidget(props: WidgetProps) {
  return (
    <input
      id={props.id}
      name={props.name}
      type="time"
      step={1}
      className="form-control"
      value={typeof props.value === 'string' ? props.value : ''}
      required={props.required}
      disabled={props.disabled || props.readonly}
      onChange={(event) => props.onChange(canonicalTimeInput(event.target.value))}
      onBlur={() => props.onBlur(props.id, props.value)}
      onFocus={() => props.onFocus(props.id, props.value)}
    />
  );
}
