// A list of local dates (holidays, make-up workdays): a date picker with Add, a box to paste many
// dates at once (a spreadsheet column, a notice's list), and each date as a chip with ×. Problems
// the server gave for one date (`/holidays/3`) mark that chip.
import { useId, useState } from 'react';
import type { ProblemMap } from '../problems.ts';
import { addDates, parseDates } from './calendar-draft.ts';
import type { CalendarMessages } from './calendar-messages.ts';

export function DateList(props: {
  label: string;
  dates: string[];
  onChange: (dates: string[]) => void;
  problems: ProblemMap;
  path: string;
  text: CalendarMessages;
  testId: string;
}) {
  const { dates, onChange, text } = props;
  const id = useId();
  const [picked, setPicked] = useState('');
  const [pasted, setPasted] = useState('');
  const [rejected, setRejected] = useState<string[]>([]);
  const own = props.problems.at(`${props.path}$`);
  return (
    <fieldset className="date-list" data-testid={props.testId}>
      <legend>
        {props.label} <span className="muted small">{`${dates.length} ${text.dateCount}`}</span>
      </legend>
      <div className="date-add">
        <input type="date" aria-label={`${props.label} ${text.date}`} value={picked} onChange={(event) => setPicked(event.target.value)} />
        <button
          type="button"
          className="secondary"
          aria-label={`${text.addDate} ${props.label}`}
          disabled={picked === ''}
          onClick={() => {
            onChange(addDates(dates, [picked]));
            setPicked('');
          }}
        >
          {text.addDate}
        </button>
      </div>
      <label htmlFor={`${id}-paste`}>{`${props.label} · ${text.pasteDates}`}</label>
      <textarea id={`${id}-paste`} rows={2} placeholder={text.pasteHint} value={pasted} onChange={(event) => setPasted(event.target.value)} />
      <button
        type="button"
        className="secondary small"
        disabled={pasted.trim() === ''}
        onClick={() => {
          const parsed = parseDates(pasted);
          onChange(addDates(dates, parsed.dates));
          setRejected(parsed.rejected);
          setPasted(parsed.rejected.join(' '));
        }}
      >
        {`${text.addPasted} (${props.label})`}
      </button>
      {rejected.length ? <p className="control-errors" role="alert">{`${text.notDates}: ${rejected.join(', ')}`}</p> : null}
      <ul className="date-chips" aria-label={props.label}>
        {dates.map((date, index) => {
          const errors = props.problems.at(`${props.path}/${index}`);
          return (
            <li key={date} className={errors.length ? 'has-error' : undefined} title={errors.join('; ') || undefined}>
              {date}
              <button
                type="button"
                className="icon"
                aria-label={`${text.removeDate} ${date}`}
                onClick={() => onChange(dates.filter((entry) => entry !== date))}
              >
                ×
              </button>
              {errors.length ? <span className="control-errors inline">{errors.join('; ')}</span> : null}
            </li>
          );
        })}
      </ul>
      {own.length ? <p className="control-errors">{own.join('; ')}</p> : null}
    </fieldset>
  );
}
