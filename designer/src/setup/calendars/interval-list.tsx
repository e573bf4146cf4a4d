// One day's working intervals: a From/To pair of time inputs per interval, + Interval, × to remove.
// Problems the server gave for an interval (`/week/mon/1/0`) show under that interval.
import type { WorkingInterval } from '@tessera/metadata';
import type { ProblemMap } from '../problems.ts';
import type { CalendarMessages } from './calendar-messages.ts';

export function IntervalList(props: {
  /** Accessible name of the day ("Monday"), prefixed to each input's label. */
  label: string;
  intervals: WorkingInterval[];
  onChange: (intervals: WorkingInterval[]) => void;
  problems: ProblemMap;
  /** The pointer of this list in the calendar (`/week/mon`, `/makeUpHours`). */
  path: string;
  text: CalendarMessages;
}) {
  const { intervals, onChange, text } = props;
  const set = (index: number, part: 0 | 1, value: string) =>
    onChange(intervals.map((interval, at) => (at === index ? ((part === 0 ? [value, interval[1]] : [interval[0], value]) as WorkingInterval) : interval)));
  const last = intervals[intervals.length - 1];
  const own = props.problems.at(`${props.path}$`);
  return (
    <div className="interval-list" data-path={props.path}>
      {intervals.length === 0 ? <span className="muted">{text.dayOff}</span> : null}
      {intervals.map((interval, index) => {
        const errors = props.problems.at(`${props.path}/${index}`);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
          <span key={index} className={`interval${errors.length ? ' has-error' : ''}`}>
            {([0, 1] as const).map((part) => (
              <TimeBox
                key={part}
                label={`${props.label} ${index + 1} ${part === 0 ? text.from : text.to}`}
                value={interval[part]}
                invalid={errors.length > 0}
                onChange={(value) => set(index, part, value)}
              />
            ))}
            <button
              type="button"
              className="icon secondary"
              aria-label={`${text.removeInterval} ${props.label} ${index + 1}`}
              onClick={() => onChange(intervals.filter((_, at) => at !== index))}
            >
              ×
            </button>
            {errors.length ? <span className="control-errors inline">{errors.join('; ')}</span> : null}
          </span>
        );
      })}
      <button
        type="button"
        className="secondary small"
        aria-label={`${text.addInterval} ${props.label}`}
        onClick={() => onChange([...intervals, last ? [last[1] < '23:00' ? last[1] : '09:00', '24:00'] : ['09:00', '18:00']])}
      >
        {text.addInterval}
      </button>
      {own.length ? <span className="control-errors inline">{own.join('; ')}</span> : null}
    </div>
  );
}

/** Text, not type=time: a 24-hour HH:MM in every locale, and "24:00" is a valid end. */
function TimeBox(props: { label: string; value: string; invalid: boolean; onChange: (value: string) => void }) {
  return (
    <input
      type="text"
      inputMode="numeric"
      pattern="([01]\d|2[0-3]):[0-5]\d|24:00"
      size={5}
      aria-label={props.label}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      {...(props.invalid ? { 'aria-invalid': true } : {})}
    />
  );
}
