// A keep-alive HTTP server on 127.0.0.1 (OS-picked port) answering every request with one canned JSON body, run as a
// child process (fork) by the overhead section so that its CPU is not counted in the clients'. It sends its port to
// the parent over IPC and exits when the parent disconnects.
import { createServer } from 'node:http';

const body = process.argv[2] ?? '{"code":0,"msg":"success","data":{}}';
const headers = { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': '202401010000000000000000000000000', 'content-length': Buffer.byteLength(body) };
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.(server.address().port));
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
