// The framework floor: Hono on @hono/node-server with the BFF's own header middleware and no other work.
// It answers a fixed JSON body of the asked size, so its distance to the ceiling is what the stack costs.
import { serve } from "@hono/node-server";
import { noStore, securityHeaders } from "@portaal/bff/src/middleware/security";
import { Hono } from "hono";

const bodies = new Map<number, { pad: string }>();
const app = new Hono();
app.use(securityHeaders({ production: true }));
app.use("*", noStore());
app.get("*", (c) => {
  const size = Number(c.req.query("size") ?? 100) || 100;
  let body = bodies.get(size);
  if (!body) {
    body = { pad: "x".repeat(Math.max(0, size - '{"pad":""}'.length)) };
    bodies.set(size, body);
  }
  return c.json(body, 200);
});
serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: "127.0.0.1" }, () => console.log("listening"));
process.on("SIGTERM", () => process.exit(0));
