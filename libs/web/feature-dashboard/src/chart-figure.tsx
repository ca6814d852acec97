import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { createContext, useContext, useId, useState, type ReactNode } from 'react';

/** Whether the table is shown on screen (false: read by screen readers only, and then not a tab stop). */
const TableShown = createContext(true);

export interface ChartFigureProps {
  /** The figure's title (a heading of the page). */
  title: string;
  headingLevel?: 'h2' | 'h3';
  /** One sentence under the title: what the figure counts. */
  definition?: ReactNode;
  /** The drawing, hidden from assistive technologies: the table says the same. */
  chart: ReactNode;
  /** The table of the figure: always read by screen readers, shown on demand to everyone. */
  table: ReactNode;
  /** Under the chart (legend, notes). */
  footer?: ReactNode;
}

/**
 * A chart with its data table. The drawing is `aria-hidden`; the table is in the page for screen readers
 * (visually hidden) and « Voir le tableau » shows it to everyone.
 */
export function ChartFigure({ title, headingLevel = 'h3', definition, chart, table, footer }: ChartFigureProps) {
  const [showTable, setShowTable] = useState(false);
  const id = useId();
  const Heading = headingLevel;
  return (
    <figure className={fr.cx('fr-mb-6w', 'fr-mx-0')} aria-labelledby={`${id}-titre`}>
      <Heading id={`${id}-titre`} className={fr.cx(headingLevel === 'h2' ? 'fr-h3' : 'fr-h5', 'fr-mb-1w')}>
        {title}
      </Heading>
      {definition !== undefined && <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>{definition}</p>}
      <div aria-hidden="true">{chart}</div>
      {footer}
      <Button
        size="small"
        priority="tertiary"
        iconId={showTable ? 'fr-icon-bar-chart-box-line' : 'fr-icon-table-line'}
        className={fr.cx('fr-mt-2w')}
        nativeButtonProps={{ 'aria-expanded': showTable, 'aria-controls': `${id}-tableau` }}
        onClick={() => setShowTable((shown) => !shown)}
      >
        {showTable ? 'Masquer le tableau' : 'Voir le tableau'}
      </Button>
      <div id={`${id}-tableau`} className={showTable ? fr.cx('fr-mt-2w') : fr.cx('fr-sr-only')}>
        <TableShown.Provider value={showTable}>{table}</TableShown.Provider>
      </div>
    </figure>
  );
}

/** A DSFR table with its caption. */
export function DataTable({ caption, children, captionHidden = false }: { caption: string; children: ReactNode; captionHidden?: boolean }) {
  // A wide table scrolls inside its own region on a narrow screen; the region takes the focus so that it
  // can be scrolled with the keyboard, and is named after the table.
  const shown = useContext(TableShown);
  return (
    <div {...(shown && { role: 'region', 'aria-label': caption, tabIndex: 0, style: { overflowX: 'auto' } })}>
      <div className={fr.cx('fr-table', 'fr-table--no-scroll', 'fr-mb-0')}>
        <table>
          <caption className={captionHidden ? fr.cx('fr-sr-only') : undefined}>{caption}</caption>
          {children}
        </table>
      </div>
    </div>
  );
}
