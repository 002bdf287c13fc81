import './setupZod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyTheme, THEME_STORAGE_KEY } from './shell/useThemeEffect';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/buttons.css';
import './styles/cards.css';
import './styles/data.css';
import './styles/feedback.css';
import './styles/forms.css';
import './styles/secrets.css';
import './styles/gateway.css';
import './styles/charts.css';
import './styles/screens.css';
import './styles/models.css';
import './styles/chat.css';
import './styles/library.css';
import './styles/livingLibrary.css';
import './styles/conversations.css';
import './styles/answers.css';
import './styles/viewer.css';
import './styles/quick.css';
import './styles/setup.css';
import './styles/phone.css';

function rememberedTheme(): string | null {
  try {
    return localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    return null;
  }
}

applyTheme(rememberedTheme());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
