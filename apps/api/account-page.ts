import type { Express, Request, Response } from 'express';
import { accountPageCsp } from './http-security.js';

/**
 * The page the links in invitation and password reset emails open: choose a password, or ask for
 * a reset link. The token is in the URL's fragment (`#invitation=…`, `#reset=…`), which the browser
 * keeps to itself: the script reads it and calls the GraphQL API, so the token never reaches a
 * server log. No inline script, no third-party asset (the content security policy allows 'self' only).
 */
const SCRIPT = `(() => {
  const $ = (id) => document.getElementById(id);
  const [kind, token] = location.hash.slice(1).split('=');
  const say = (text, error) => { const m = $('message'); m.textContent = text; m.className = error ? 'error' : 'done'; m.focus(); };
  async function call(query, variables) {
    const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(body.errors[0].message);
    return body.data;
  }
  if ((kind === 'invitation' || kind === 'reset') && token) {
    $('choose').hidden = false;
    $('heading').textContent = kind === 'invitation' ? 'Choose your password' : 'Choose a new password';
    history.replaceState(null, '', location.pathname);
    $('choose').addEventListener('submit', async (event) => {
      event.preventDefault();
      const password = $('password').value;
      if (password !== $('confirm').value) return say('The two passwords are not the same.', true);
      const field = kind === 'invitation' ? 'acceptInvitation' : 'resetPassword';
      try {
        await call('mutation($t: String!, $p: String!) { ' + field + '(input: { token: $t, password: $p }) }', { t: token, p: password });
        $('choose').hidden = true;
        say('Your password is set. You can now sign in.', false);
      } catch (err) { say(err.message, true); }
    });
  } else {
    $('heading').textContent = 'Forgotten your password?';
    $('request').hidden = false;
    $('request').addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await call('mutation($e: String!) { requestPasswordReset(input: { email: $e }) }', { e: $('email').value });
        say('If this is the address of an account, we have emailed it a link to choose a new password.', false);
      } catch (err) { say(err.message, true); }
    });
  }
})();
`;
const STYLE = `body{font-family:Arial,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}
label{display:block;font-weight:bold;margin-top:1rem}input{font-size:1.1rem;padding:.4rem;width:100%;max-width:24rem;box-sizing:border-box;border:2px solid #0b0c0c}
button{margin-top:1.2rem;font-size:1.1rem;padding:.5rem 1rem;background:#00703c;color:#fff;border:0}
button:focus,input:focus{outline:3px solid #fd0;outline-offset:0}.error{color:#d4351c;font-weight:bold}.done{color:#00703c;font-weight:bold}
`;
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your account – Safer Libraries</title><link rel="stylesheet" href="/account/page.css"></head>
<body><main><h1 id="heading">Your account</h1>
<p id="message" tabindex="-1" role="status"></p>
<form id="choose" hidden><p>At least 12 characters. A few words you will remember is a good password.</p>
<label for="password">New password</label><input id="password" type="password" autocomplete="new-password" minlength="12" maxlength="200" required>
<label for="confirm">The same password again</label><input id="confirm" type="password" autocomplete="new-password" minlength="12" maxlength="200" required>
<button type="submit">Set password</button></form>
<form id="request" hidden><label for="email">Email address</label><input id="email" type="email" autocomplete="email" maxlength="254" required>
<button type="submit">Email me a link</button></form>
<noscript>This page needs JavaScript.</noscript></main>
<script src="/account/page.js"></script></body></html>`;

export function mountAccountPage(app: Express): void {
  app.get('/account/set-password', accountPageCsp, (_req: Request, res: Response) => {
    res.type('html').set('Cache-Control', 'no-store').send(PAGE);
  });
  app.get('/account/page.js', accountPageCsp, (_req: Request, res: Response) => {
    res.type('text/javascript').set('Cache-Control', 'public, max-age=3600').send(SCRIPT);
  });
  app.get('/account/page.css', accountPageCsp, (_req: Request, res: Response) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(STYLE);
  });
}
