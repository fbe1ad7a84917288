// A terminal for the dashboard with no screen behind it: 200×50, output discarded, keys written to
// `input` by the benchmark.
import { PassThrough, Writable } from 'node:stream';

class DiscardingTerminal extends Writable {
  columns = 200;
  rows = 50;
  isTTY = true;
  _write(_chunk, _encoding, done) {
    done();
  }
}

export function headlessTerminal() {
  return { input: Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined }), output: new DiscardingTerminal() };
}
