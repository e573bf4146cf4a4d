// A spreadsheet cell → a time of day (`HH:MM:SS`), or undefined. Accepted: 9:30, 09:30:15,
// 9:30 PM / 9:30pm, 上午9:30 / 下午3:05 (also 晚上, 中午, 凌晨, 早上), and Excel's own form, a
// fraction of a day (0.5 = 12:00:00; 0 ≤ x < 1, rounded to the second). A time with a date
// attached is refused: it is a datetime, and silently dropping the day would lose data.
import { timeFromSeconds } from '../formats/time-of-day.ts';

const AFTERNOON = new Set(['下午', '晚上', 'pm', 'p.m.']);
const MORNING = new Set(['上午', '早上', '凌晨', 'am', 'a.m.']);

export function parseTimeOfDay(text: string): string | undefined {
  const cell = text.trim().toLowerCase();
  if (/^0?\.\d+$|^0$/.test(cell)) {
    const seconds = Math.round(Number(cell) * 86400);
    return seconds < 86400 ? timeFromSeconds(seconds) : undefined;
  }
  const match = /^(上午|下午|晚上|中午|凌晨|早上)?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(cell);
  if (!match) return undefined;
  const marker = match[1] ?? match[5];
  let hours = Number(match[2]);
  const minutes = Number(match[3]);
  const seconds = Number(match[4] ?? '0');
  if (minutes > 59 || seconds > 59) return undefined;
  if (marker !== undefined) {
    // 12-hour clock: 1–12 only; 12 AM is midnight, 12 PM noon; 中午 12:30 is noon too.
    if (hours < 1 || hours > 12) return undefined;
    if (MORNING.has(marker)) hours = hours === 12 ? 0 : hours;
    else if (AFTERNOON.has(marker)) hours = hours === 12 ? 12 : hours + 12;
    else hours = hours < 11 ? hours + 12 : hours; // 中午: 11:xx stays morning, 1:xx is 13:xx
  }
  if (hours > 23) return undefined;
  return timeFromSeconds(hours * 3600 + minutes * 60 + seconds);
}
