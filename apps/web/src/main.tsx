import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './govuk.scss';
import './styles.css';
import { client } from './api';
import { App } from './App';
import { Router } from './router';

document.body.classList.add('govuk-frontend-supported');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <Router>
        <App />
      </Router>
    </ApolloProvider>
  </StrictMode>,
);
