// The interactive dashboard (issue #4). Until it exists, say so clearly.
import type { Args } from './args.js';
import { UsageError } from '../kube/config.js';

export async function dashboard(_args: Args): Promise<number> {
  throw new UsageError('the interactive dashboard is not built yet: use `kstate get` or `kstate describe` (see kstate --help)');
}
