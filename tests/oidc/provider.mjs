// A real, certified OpenID provider (the npm package oidc-provider) standing in for Entra ID in tests.
//
//   node tests/oidc/provider.mjs
//
// Environment: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI (the relying party's callback),
// OIDC_POST_LOGOUT_REDIRECT_URI (where the relying party may send users back after logging out),
// OIDC_PORT (0 or unset: a free port), OIDC_USERS (default: users.json beside this file).
// It listens on 127.0.0.1, prints one JSON line {"issuer": ...} when ready, and stops on SIGTERM.
// Like Entra ID for an app registration with group claims and NAV's optional claim, the ID token
// carries `NAVident`, `name` and `groups`. PKCE is required of every client; the login is a plain
// form with the test users' passwords, and consent is given at once (a first-party app).

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const env = process.env;
const usersFile = env.OIDC_USERS || new URL('./users.json', import.meta.url);
const { users } = JSON.parse(readFileSync(usersFile, 'utf8'));
for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI']) {
  if (!env[name]) {
    console.error(`${name} must be set`);
    process.exit(2);
  }
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };

const server = createServer();
server.listen(Number(env.OIDC_PORT || 0), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: env.OIDC_CLIENT_ID,
      client_secret: env.OIDC_CLIENT_SECRET,
      redirect_uris: [env.OIDC_REDIRECT_URI],
      post_logout_redirect_uris: env.OIDC_POST_LOGOUT_REDIRECT_URI ? [env.OIDC_POST_LOGOUT_REDIRECT_URI] : [],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // Ending the session, as Entra ID's logout endpoint does; the provider asks first, in Norwegian here.
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = document(`<h1>Vil du logge ut av testleverandøren?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logg meg ut</button>
<button type="submit" form="op.logoutForm">Nei, forbli innlogget</button>`);
        },
      },
    },
    claims: { openid: ['sub', 'NAVident', 'groups'], profile: ['name'] },
    // Entra ID puts the claims in the ID token itself; so do we.
    conformIdTokenClaims: false,
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomUUID()] },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, id) {
      const user = users[id];
      if (!user) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, name: user.name, NAVident: user.NAVident, groups: user.groups };
        },
      };
    },
  });
  const oidc = provider.callback();

  server.on('request', async (req, res) => {
    const match = req.url.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!match) {
      oidc(req, res);
      return;
    }
    try {
      const interaction = await provider.interactionDetails(req, res);
      const { uid, prompt, params, session } = interaction;
      if (req.method === 'POST' && match[2]) {
        const form = new URLSearchParams(await body(req));
        const username = form.get('username') || '';
        if (users[username]?.password !== form.get('password')) {
          page(res, loginForm(uid, 'Feil brukernavn eller passord.'), 401);
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: username } }, {
          mergeWithLastSubmission: false,
        });
        return;
      }
      if (prompt.name === 'login') {
        page(res, loginForm(uid, ''), 200);
        return;
      }
      // Consent for a first-party app: grant what is asked.
      const grant = interaction.grantId
        ? await provider.Grant.find(interaction.grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
      if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: interaction.grantId ? {} : { grantId } }, {
        mergeWithLastSubmission: true,
      });
    } catch (error) {
      console.error(error);
      page(res, `<p>${escape(String(error.message))}</p>`, 400);
    }
  });

  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));

function body(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function loginForm(uid, error) {
  return `<h1>Logg på (testleverandør)</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
  <label for="username">Brukernavn</label> <input id="username" name="username" autocomplete="off">
  <label for="password">Passord</label> <input id="password" name="password" type="password">
  <button type="submit">Logg på</button>
</form>`;
}

function page(res, content, status) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(document(content));
}

function document(content) {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Testleverandør</title></head>
<body>${content}</body></html>`;
}

function escape(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
