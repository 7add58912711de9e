import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';

// Wiring only (house rule 1): the page lives in components/.
render(<OptionsPage />, document.getElementById('app')!);
