import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { currentToken } from './session';

/** Sent as X-Purpose with reads of shared cases (a partner gives it before anything is shown). */
let purpose: string | null = null;
export const setPurpose = (p: string | null) => (purpose = p);
export const currentPurpose = () => purpose;

const auth = new SetContextLink(async (prev) => {
  const token = await currentToken();
  return {
    headers: { ...prev.headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(purpose ? { 'x-purpose': purpose } : {}) },
  };
});

/**
 * Subscriptions (live alarms) over the API's WebSocket, signed in with the same token: opened when
 * a page first subscribes, and signed in again with a fresh token when the API closes it (4401,
 * the token expired).
 */
const live = new GraphQLWsLink(
  createClient({
    url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: async () => {
      const token = await currentToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    lazy: true,
  }),
);

const isSubscription = ({ query }: { query: Parameters<typeof getMainDefinition>[0] }) => {
  const main = getMainDefinition(query);
  return main.kind === 'OperationDefinition' && main.operation === 'subscription';
};

export const client = new ApolloClient({
  link: ApolloLink.split(isSubscription, live, ApolloLink.from([auth, new HttpLink({ uri: '/graphql' })])),
  // Every read is audited by the API: nothing is kept past the page that asked for it.
  cache: new InMemoryCache(),
  defaultOptions: { query: { fetchPolicy: 'network-only' }, watchQuery: { fetchPolicy: 'network-only' } },
});

/**
 * A file the API serves to a signed-in user (a CSV export, the printable summary): fetched with the
 * token in the header and handed over from memory, so the token is never in a URL. Null when refused.
 */
export async function fetchWithToken(path: string): Promise<Blob | null> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${await currentToken()}` } });
  return res.ok ? await res.blob() : null;
}

/** Saves a fetched file under this name (the browser's download). */
export function saveFile(file: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}
