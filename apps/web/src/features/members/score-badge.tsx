import { useI18n } from '../../i18n/i18n';
import { scoreBand } from './members-logic';

/** A score with its band in words and colour (the words carry the meaning; the colour only repeats it). */
export function ScoreBadge({ score }: { score: number }) {
  const { t } = useI18n();
  const band = scoreBand(score);
  return (
    <span className={`score-badge band-${band}`}>
      <strong>{Math.round(score)}</strong>/100 · {t(`members.band.${band}`)}
    </span>
  );
}
