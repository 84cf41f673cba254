// Station problems an operator has to fix (a station file entry that was skipped, a camera behind a
// gateway without a port mapping, a password that does not decrypt), from GET api/problems. Shown
// above the grid and hidden when there are none. Text only: problem messages never become markup.

export class StationProblems {
  /** @param {typeof fetch} fetcher the dashboard's session fetch */
  constructor(panel, fetcher = window.fetch.bind(window)) {
    this.panel = panel;
    this.fetcher = fetcher;
    this.list = panel.querySelector('[data-problem-list]');
    this.count = panel.querySelector('[data-problem-count]');
  }

  async refresh() {
    let problems;
    try {
      const response = await this.fetcher('api/problems', { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        return; // the camera list reports an unreachable server; keep what is shown
      }
      problems = await response.json();
    } catch (e) {
      return;
    }
    this.render(Array.isArray(problems) ? problems : []);
  }

  render(problems) {
    this.panel.hidden = problems.length === 0;
    this.count.textContent = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    this.list.replaceChildren(...problems.map((p) => {
      const item = document.createElement('li');
      const where = document.createElement('span');
      where.className = 'fw-semibold';
      where.textContent = `${p.source}: ${p.subject}`;
      item.append(where, document.createTextNode(`: ${p.message}`));
      item.dataset.problem = '';
      return item;
    }));
  }
}
