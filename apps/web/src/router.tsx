import { createContext, type MouseEvent, type ReactNode, useContext, useEffect, useState } from 'react';

/**
 * The app's few pages need no routing library: the path is the page, history.pushState moves
 * between them. Ids in paths are record ids only, never names (no personal data in URLs).
 */
const PathContext = createContext<{ path: string; go: (to: string) => void }>({ path: '/', go: () => {} });

export function Router({ children }: { children: ReactNode }) {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const back = () => setPath(location.pathname);
    addEventListener('popstate', back);
    return () => removeEventListener('popstate', back);
  }, []);
  const go = (to: string) => {
    history.pushState(null, '', to);
    setPath(to);
    scrollTo(0, 0);
  };
  return <PathContext.Provider value={{ path, go }}>{children}</PathContext.Provider>;
}

export const usePath = () => useContext(PathContext);

export function Link({
  to,
  children,
  className = 'govuk-link',
  current,
  id,
}: {
  to: string;
  children: ReactNode;
  className?: string;
  current?: boolean;
  id?: string;
}) {
  const { go } = usePath();
  const click = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    go(to);
  };
  return (
    <a href={to} id={id} className={className} onClick={click} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
