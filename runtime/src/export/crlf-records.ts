// COPY ends CSV records with LF; the export promises CRLF (RFC 4180, what Excel writes). This
// transform turns each record end into CRLF and leaves line breaks inside quoted fields as they
// are, as the Node writer does. A LF ends a record when an even number of quotes came before it
// (doubled quotes inside a field count twice), so the state is one bit carried across chunks.
// UTF-8 continuation bytes are never 0x22 or 0x0A, so scanning bytes is safe. PostgreSQL sends
// one CopyData message per row and pg-copy-streams passes each on as a chunk: the output is
// gathered into chunks of BATCH_BYTES, so the HTTP response writes a few hundred buffers, not one
// per row.
import { Transform } from 'node:stream';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BATCH_BYTES = 64 * 1024;

export function crlfRecords(): Transform {
  let quoted = false;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const gather = (stream: Transform, chunk: Buffer) => {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < BATCH_BYTES) return;
    stream.push(pending.length === 1 ? chunk : Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
  };
  return new Transform({
    flush(done) {
      done(null, pendingBytes > 0 ? Buffer.concat(pending, pendingBytes) : undefined);
    },
    transform(chunk: Buffer, _encoding, done) {
      const start = quoted;
      let ends = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === QUOTE) quoted = !quoted;
        else if (byte === LF && !quoted) ends++;
      }
      if (ends === 0) {
        gather(this, chunk);
        return done();
      }
      // Second pass from the chunk's start state, writing CR before each record end.
      const out = Buffer.allocUnsafe(chunk.length + ends);
      let inside = start;
      let at = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i] as number;
        if (byte === QUOTE) inside = !inside;
        else if (byte === LF && !inside) out[at++] = CR;
        out[at++] = byte;
      }
      gather(this, out);
      done();
    },
  });
}
