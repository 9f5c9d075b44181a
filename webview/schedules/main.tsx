import { render } from 'preact';
import { handshake } from '../shared/host';
import { Placeholder } from '../shared/Placeholder';
import '../shared/base.css';

const root = document.getElementById('app');
if (root) {
  void handshake().then((init) => render(<Placeholder strings={init.strings} />, root));
}
