import { render } from 'preact';
import { PopupPage } from '../../components/app/pages';

// Wiring only (house rule 1): the page lives in components/.
render(<PopupPage />, document.getElementById('app')!);
