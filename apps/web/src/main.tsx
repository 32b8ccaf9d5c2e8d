import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { openFromAddress } from './features/recordings/open-recording';
import './index.css';

const container = document.getElementById('root');
if (!container) {
  // index.html ships the #root element; missing means the page was served from somewhere else.
  throw new Error('mcpscope: #root element not found in index.html');
}

// `mcpscope view FILE` opens the page with ?view=file.
void openFromAddress();

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
