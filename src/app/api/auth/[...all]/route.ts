// GET|POST /api/auth/* – better-auth (sign-up, sign-in, sign-out, session) behind the sign-in limits of spec 13
import { handleAuthRequest } from "@/server/api/auth-route";

export const dynamic = "force-dynamic";

export { handleAuthRequest as GET, handleAuthRequest as POST };
