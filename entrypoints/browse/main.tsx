import { render } from 'preact';
import { BrowsePage } from '../../components/app/pages';

// Wiring only (house rule 1): the page lives in components/.
render(<BrowsePage />, document.getElementById('app')!);
