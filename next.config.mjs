import createNextIntlPlugin from "next-intl/plugin";
import "./src/env.js";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./src/i18n/request.ts",
  // The ICU messages of messages/*.json are compiled at build time (next-intl's catalog loader), so
  // the browser gets the small formatter of precompiled messages instead of the ICU parser (spec
  // 18.3). Every import of those files in the build gets them compiled; tests and scripts outside
  // Next read them as they are, with use-intl's full formatter.
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

/** @type {import("next").NextConfig} */
const config = {
  // A second build directory lets a test build run beside a development server (NEXT_DIST_DIR=.next-e2e).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "dockerode", "ssh2", "inngest", "pdfkit", "rate-limiter-flexible", "ioredis"],
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  poweredByHeader: false,
};

export default withNextIntl(config);
