// A many-to-many value on the record page and in list cells: one chip per linked record, its name
// linking to the record's page (format-value.ts builds the links).
import { Link } from '../../shell/link.tsx';
import type { Shown } from './format-value.ts';

export function LinkChips(props: { links: NonNullable<Shown['links']> }) {
  return (
    <ul className="link-chips">
      {props.links.map((link) => (
        <li key={link.href} className="link-chip">
          <Link to={link.href}>{link.text}</Link>
        </li>
      ))}
    </ul>
  );
}
