import type { ReactNode } from 'react';
import { Link } from '../router';

export interface NavItem {
  to: string;
  label: string;
}

/** GOV.UK's page furniture: skip link, header, service navigation, main, footer (accessibility statement). */
export function Layout({
  nav,
  current,
  signedIn,
  onSignOut,
  children,
}: {
  nav: NavItem[];
  current: string;
  signedIn: boolean;
  onSignOut: () => void;
  children: ReactNode;
}) {
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      {/* A council's service, not GOV.UK: the service name heads the page, with no crown (GOV.UK Design System, service navigation). */}
      <header>
        <section aria-label="Service information" className="govuk-service-navigation">
          <div className="govuk-width-container">
            <div className="govuk-service-navigation__container">
              <span className="govuk-service-navigation__service-name">
                <Link to="/" className="govuk-service-navigation__link">
                  Safer Libraries
                </Link>
              </span>
              {signedIn && (
                <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                  <ul className="govuk-service-navigation__list">
                    {nav.map((n) => (
                      <li key={n.to} className={`govuk-service-navigation__item${current === n.to ? ' govuk-service-navigation__item--active' : ''}`}>
                        <Link to={n.to} className="govuk-service-navigation__link" current={current === n.to}>
                          {current === n.to ? <strong className="govuk-service-navigation__active-fallback">{n.label}</strong> : n.label}
                        </Link>
                      </li>
                    ))}
                    <li className={`govuk-service-navigation__item${current === '/settings' ? ' govuk-service-navigation__item--active' : ''}`}>
                      <Link to="/settings" className="govuk-service-navigation__link" current={current === '/settings'}>
                        Your settings
                      </Link>
                    </li>
                    <li className="govuk-service-navigation__item">
                      <button type="button" className="govuk-service-navigation__link app-link-button" onClick={onSignOut}>
                        Sign out
                      </button>
                    </li>
                  </ul>
                </nav>
              )}
            </div>
          </div>
        </section>
      </header>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <h2 className="govuk-visually-hidden">Support links</h2>
              <ul className="govuk-footer__inline-list">
                <li className="govuk-footer__inline-list-item">
                  <Link to="/accessibility" className="govuk-footer__link">
                    Accessibility statement
                  </Link>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}
