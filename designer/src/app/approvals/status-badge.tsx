import { useSession } from '../../shell/session.tsx';
import { approvalMessagesFor, statusWord } from './approval-messages.ts';

/** A request's, step's or task's status as a coloured word (pending, approved, rejected, …). */
export function StatusBadge(props: { status: string }) {
  const { language } = useSession();
  return <span className={`badge badge-${props.status}`}>{statusWord(approvalMessagesFor(language), props.status)}</span>;
}
