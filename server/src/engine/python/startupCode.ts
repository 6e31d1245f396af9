// "Is this async function start-up code, run once before serving?", by its name: `main`,
// `lifespan`, `startup`, `init…`, `setup…`, `bootstrap`, `configure…`, `migrate…`. What it does
// once (a blocking call, a loop of awaits over the listening sockets) does not stall requests.

export function isSetupNamed(name: string): boolean {
  return /^_*(main|lifespan|startup|start_up|on_startup|(init|initialize|initialise|setup|set_up|bootstrap|configure|migrate)(_\w*)?)$/i.test(name);
}
