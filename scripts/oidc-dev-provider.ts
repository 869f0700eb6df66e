/**
 * `npm run oidc:dev`: a real OpenID Connect provider on this machine (panva's
 * oidc-provider, a certified OP implementation), to try company sign-in without a company
 * identity provider, and for the browser tests (e2e/oidc.spec.ts). Its log-in page takes
 * any password; the user names below carry the groups and work number a company directory
 * would. Never for production.
 *
 *   OIDC_DEV_PORT          port (default 4020); the issuer is http://localhost:<port>
 *   OIDC_DEV_REDIRECT_URI  the dashboard's callback (default http://localhost:3000/auth/oidc/callback)
 *   OIDC_DEV_CLIENT_ID / OIDC_DEV_CLIENT_SECRET  (defaults preview-desk / preview-desk-dev-secret-0123456789)
 *
 * Matching dashboard settings: OIDC_ISSUER=http://localhost:4020 OIDC_CLIENT_ID=preview-desk
 * OIDC_CLIENT_SECRET=preview-desk-dev-secret-0123456789 APP_URL=http://localhost:3000
 * OIDC_ROLE_GROUPS="agent=cc-agents,supervisor=cc-supervisors,admin=it-admins"
 * OIDC_WORKNO_CLAIM=work_no
 */
import Provider from "oidc-provider";

type Person = { groups: string[]; workNo?: string; name: string };

/** The directory: user name → groups (and work number). Anyone else signs in with no group. */
export const directory: Record<string, Person> = {
  ada: { name: "Ada Agent", groups: ["cc-agents"], workNo: "1001" },
  bo: { name: "Bo Agent", groups: ["cc-agents", "staff"], workNo: "1002" },
  sam: { name: "Sam Supervisor", groups: ["cc-supervisors", "cc-agents"] },
  root: { name: "Root Admin", groups: ["it-admins"] },
  agent1: { name: "Same name as a local account", groups: ["cc-agents"] },
  nobody: { name: "No Group", groups: [] },
};

const port = Number(process.env.OIDC_DEV_PORT ?? 4020);
const issuer = `http://localhost:${port}`;
const redirectUris = (process.env.OIDC_DEV_REDIRECT_URI ?? "http://localhost:3000/auth/oidc/callback").split(
  ",",
);

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_DEV_CLIENT_ID ?? "preview-desk",
      client_secret: process.env.OIDC_DEV_CLIENT_SECRET ?? "preview-desk-dev-secret-0123456789",
      redirect_uris: redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  pkce: { required: () => true },
  scopes: ["openid", "profile", "groups"],
  claims: {
    openid: ["sub"],
    profile: ["name", "preferred_username", "work_no"],
    groups: ["groups"],
  },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx: unknown, id: string) {
    const person = directory[id] ?? { name: id, groups: [] };
    return {
      accountId: id,
      async claims() {
        return {
          sub: `dev-${id}`,
          name: person.name,
          preferred_username: id,
          groups: person.groups,
          ...(person.workNo ? { work_no: person.workNo } : {}),
        };
      },
    };
  },
  // The flows run over plain http on this machine.
  cookies: { keys: ["preview-desk-dev-only-cookie-key"] },
});
provider.proxy = false;

const server = provider.listen(port, () => {
  console.log(`OIDC dev provider listening on ${issuer} (redirect URIs: ${redirectUris.join(", ")})`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
