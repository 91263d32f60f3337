// The ceiling: a bare node:http server that answers a JSON body of the asked size and does nothing else.
import http from "node:http";

const bodies = new Map();
function bodyOf(size) {
  let body = bodies.get(size);
  if (!body) {
    const pad = Math.max(0, size - '{"pad":""}'.length);
    body = Buffer.from(JSON.stringify({ pad: "x".repeat(pad) }));
    bodies.set(size, body);
  }
  return body;
}

const server = http.createServer((req, res) => {
  const size = Number(req.url?.split("size=")[1] ?? 100) || 100;
  const body = bodyOf(size);
  // Drain a request body (the POST case) before answering, as any server must.
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  });
});
server.listen(Number(process.argv[2]), "127.0.0.1", () => console.log("listening"));
process.on("SIGTERM", () => process.exit(0));
