import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Dev mode: vite serves the SPA with hot reload and proxies the API to the BFF.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/api": { target: `http://localhost:${process.env.BFF_PORT ?? 3000}`, changeOrigin: false } },
  },
  build: { target: "es2022", sourcemap: false },
});
