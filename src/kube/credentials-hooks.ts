// Module hooks of the credentials worker: of @kubernetes/client-node it loads the KubeConfig class
// and what that needs to make credentials, not the ~700 generated API models (a third of a second
// and tens of megabytes) that only make API clients, which kstate does not use.
type Resolved = { url: string; shortCircuit?: boolean };
type Next = (specifier: string, context: { parentURL?: string }) => Promise<Resolved>;

const GENERATED_API_STUB = `data:text/javascript,${encodeURIComponent('const no = () => { throw new Error("kstate makes no API clients"); }; export const createConfiguration = no; export class ServerConfiguration { constructor() { no(); } }')}`;

export async function resolve(specifier: string, context: { parentURL?: string }, next: Next): Promise<Resolved> {
  const resolved = await next(specifier, context);
  const parent = context.parentURL ?? '';
  if (specifier === '@kubernetes/client-node' && parent.endsWith('/kube/config.js')) return { url: new URL('config.js', resolved.url).href, shortCircuit: true };
  if (resolved.url.endsWith('/client-node/dist/gen/index.js') && parent.endsWith('/client-node/dist/config.js')) return { url: GENERATED_API_STUB, shortCircuit: true };
  return resolved;
}
