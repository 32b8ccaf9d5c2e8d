// First: starts inflating the embedded recording while the rest of the app initialises.
import './start-reading';
import '../zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from '../App';
import { openEmbeddedRecording } from './embedded-recording';
import '../index.css';

// The HTML report's entry (vite build --mode report): the app, with the recording embedded in
// the page opened as its one read-only session, through the same client a live page uses.
const container = document.getElementById('root');
if (!container) throw new Error('mcpscope: #root element not found in the report');

void openEmbeddedRecording();

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
