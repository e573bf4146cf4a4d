// COPY ends CSV records with LF; the export promises CRLF (RFC 4180, what Excel writes). This
// transform turns each record end into CRLF and leaves line breaks inside quoted fields as they
// are, as the Node writer does. A LF ends a record when an even number of quotes came before it
// (doubled quotes inside a field count twice), so the state is one bit carried across chunks.
// UTF-8 continuation bytes are never 0x22 or 0x0A, so scanning bytes is safe. PostgreSQL sends
// one CopyData message per row and pg-copy-streams passes each on as a chunk: the output is
// gathered into one buffer of about BATCH_BYTES, so the HTTP response writes a few hundred buffers,
// not one per row. The scan uses Buffer#indexOf (native) to jump from quote to line feed: a
// byte-by-byte loop in JavaScript cost about a third of the export's time.
import { Transform } from 'node:stream';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BATCH_BYTES = 64 * 1024;

export function crlfRecords(): Transform {
  let quoted = false;
  let batch = Buffer.allocUnsafe(BATCH_BYTES);
  let at = 0;
  /** Room for `bytes` more in the batch: a full batch is sent and a new one started (a large chunk gets a larger batch). */
  const reserve = (stream: Transform, bytes: number) => {
    if (at + bytes <= batch.length) return;
    if (at > 0) stream.push(batch.subarray(0, at));
    batch = Buffer.allocUnsafe(Math.max(BATCH_BYTES, bytes));
    at = 0;
  };
  const copy = (chunk: Buffer, from: number, to: number) => {
    at += chunk.copy(batch, at, from, to);
  };
  return new Transform({
    flush(done) {
      done(null, at > 0 ? batch.subarray(0, at) : undefined);
    },
    transform(chunk: Buffer, _encoding, done) {
      // At most one CR is added per byte, so twice the chunk always fits.
      reserve(this, chunk.length * 2);
      let i = 0;
      while (i < chunk.length) {
        if (quoted) {
          const close = chunk.indexOf(QUOTE, i);
          if (close === -1) {
            copy(chunk, i, chunk.length);
            break;
          }
          copy(chunk, i, close + 1);
          quoted = false;
          i = close + 1;
          continue;
        }
        const open = chunk.indexOf(QUOTE, i);
        const end = chunk.indexOf(LF, i);
        if (end !== -1 && (open === -1 || end < open)) {
          copy(chunk, i, end);
          batch[at++] = CR;
          batch[at++] = LF;
          i = end + 1;
        } else if (open !== -1) {
          copy(chunk, i, open + 1);
          quoted = true;
          i = open + 1;
        } else {
          copy(chunk, i, chunk.length);
          break;
        }
      }
      if (at >= BATCH_BYTES) {
        this.push(batch.subarray(0, at));
        batch = Buffer.allocUnsafe(BATCH_BYTES);
        at = 0;
      }
      done();
    },
  });
}
