import { render } from 'preact';
import { SidePanelPage } from '../../components/app/pages';

// Wiring only (house rule 1): the page lives in components/.
render(<SidePanelPage />, document.getElementById('app')!);
