import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/graphiql.css';
import { createRoot } from 'react-dom/client';
import './playground.css';

/**
 * GraphiQL for developers and partners trying queries (README "Quick start"), built with the web
 * app and served by the API at /playground when GRAPHQL_PLAYGROUND allows it. Built, not loaded
 * from a CDN, so it works offline; the server ships no React or GraphiQL of its own.
 */
const defaultQuery = `# Sign in first (demo users are in the README), then put the token in Headers:
# { "Authorization": "Bearer <accessToken>" }
mutation { login(email: "manager@demo.test", password: "demo-password") { accessToken expiresAt user { displayName role } } }
`;

/** Queries and mutations over HTTP, with the headers typed into GraphiQL's Headers pane (the bearer token). */
const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(options?.headers as Record<string, string> | undefined) },
    body: JSON.stringify(params),
  });
  return res.json();
};

createRoot(document.getElementById('graphiql')!).render(<GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} defaultEditorToolsVisibility />);
