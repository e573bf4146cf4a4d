// Messages under a group of controls (a list, a checklist, a condition): nothing when there are none.
export function ProblemList(props: { messages: readonly string[] }) {
  if (props.messages.length === 0) return null;
  return (
    <ul className="control-errors">
      {props.messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
