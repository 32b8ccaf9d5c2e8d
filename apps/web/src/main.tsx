import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { z } from 'zod';

import { App } from './App';
import './index.css';

// The page's Content-Security-Policy allows no eval; tell zod not to probe for it (the
// probe logs a CSP violation on every load) and to interpret its schemas instead.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) {
  // index.html ships the #root element; missing means the page was served from somewhere else.
  throw new Error('mcpscope: #root element not found in index.html');
}

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
