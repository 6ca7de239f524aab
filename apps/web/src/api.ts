import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
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

export const client = new ApolloClient({
  link: ApolloLink.from([auth, new HttpLink({ uri: '/graphql' })]),
  // Every read is audited by the API: nothing is kept past the page that asked for it.
  cache: new InMemoryCache(),
  defaultOptions: { query: { fetchPolicy: 'network-only' }, watchQuery: { fetchPolicy: 'network-only' } },
});
