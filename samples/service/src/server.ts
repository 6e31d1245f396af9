import * as http from 'node:http';
import { readFileSync } from 'node:fs';
import { handleGetUser, handleUpdateUser } from './routes/users';
import { handleExport } from './routes/reports';
import { loadConfig } from './clean/config';

// Start-up: reading the TLS bundle synchronously before listening is fine.
const banner = readFileSync(__dirname + '/../package.json', 'utf8');
const config = loadConfig();

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') {
    const stats = readFileSync('/proc/loadavg', 'utf8'); // seeded: blocking-call
    response.end(stats);
    return;
  }
  if (url.pathname.startsWith('/users/') && request.method === 'GET') {
    handleGetUser(url.pathname.slice('/users/'.length), response); // seeded: floating-promise
    return;
  }
  if (url.pathname.startsWith('/users/') && request.method === 'PUT') {
    void handleUpdateUser(url.pathname.slice('/users/'.length), response);
    return;
  }
  if (url.pathname === '/export') {
    handleExport(response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
    return;
  }
  response.statusCode = 404;
  response.end();
});

server.listen(config.port, () => {
  console.log(`listening on ${config.port} (${banner.length} bytes of package.json)`);
});
