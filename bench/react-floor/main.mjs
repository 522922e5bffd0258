// The bench's React floor (issue 19, target 4b): the smallest page built with the studio's own React and
// Vite that marks `tau:interactive` the way the studio does (a root effect after the first commit). Its cold
// start says what the fixed stack costs on this machine before any of the studio's own code.
import { createElement, useEffect } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  useEffect(() => {
    performance.mark('tau:interactive');
  }, []);
  return createElement('main', null, createElement('h1', null, 'Tau Studio'), createElement('button', { type: 'button' }, 'Train'));
}

const root = document.getElementById('root');
if (!root) throw new Error('react-floor: no #root element');
createRoot(root).render(createElement(App));
