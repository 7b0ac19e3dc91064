/** @jest-environment ./test/support/jsdom-environment.js */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nProvider } from '../../i18n/i18n';
import { TaxonomyPicker } from './controls';
import './members.messages';
import { ExpiryCountdown } from './requests-page';
import { ScoreBadge } from './score-badge';

beforeEach(() => localStorage.setItem('hubmatch.language', 'en'));

function wrap(node: React.ReactNode) {
  return render(<I18nProvider>{node}</I18nProvider>);
}

describe('ScoreBadge', () => {
  it('says the band in words, not only in colour', () => {
    wrap(<ScoreBadge score={83.4} />);
    expect(screen.getByText(/83/).closest('.score-badge')?.textContent).toBe('83/100 · Excellent');
    expect(screen.getByText(/83/).closest('.score-badge')?.className).toContain('band-excellent');
  });
  it('uses the UI language', () => {
    localStorage.setItem('hubmatch.language', 'it');
    wrap(<ScoreBadge score={61} />);
    expect(screen.getByText(/Buono/)).toBeTruthy();
  });
});

describe('ExpiryCountdown', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  it('shows days and hours, hours and minutes when urgent, and expiry', () => {
    const { rerender } = wrap(<ExpiryCountdown expiresAt="2026-03-05T12:00:00Z" now={now} />);
    expect(screen.getByText('4 d 2 h left')).toBeTruthy();
    rerender(
      <I18nProvider>
        <ExpiryCountdown expiresAt="2026-03-01T15:30:00Z" now={now} />
      </I18nProvider>,
    );
    expect(screen.getByText(/5 h 30 min left/).className).toContain('urgent');
    rerender(
      <I18nProvider>
        <ExpiryCountdown expiresAt="2026-02-28T15:30:00Z" now={now} />
      </I18nProvider>,
    );
    expect(screen.getByText('Expired')).toBeTruthy();
  });
});

describe('TaxonomyPicker', () => {
  const terms = [
    { code: 'cell_therapy', parent: null, labels: { en: 'Cell therapy', it: 'Terapia cellulare' } },
    { code: 'car_t', parent: 'cell_therapy', labels: { en: 'CAR-T', it: 'CAR-T' } },
    { code: 'rna', parent: null, labels: { en: 'RNA therapeutics', it: 'Terapie a RNA' } },
  ];
  function Harness({ onValue }: { onValue(v: string[]): void }) {
    const [value, setValue] = useState<string[]>([]);
    return (
      <TaxonomyPicker
        legend="Modalities"
        terms={terms}
        value={value}
        onChange={(v) => {
          setValue(v);
          onValue(v);
        }}
        errors={['modalities must be known codes']}
      />
    );
  }

  it('nests children under their parent, toggles codes by label and shows the API error', () => {
    const seen: string[][] = [];
    wrap(<Harness onValue={(v) => seen.push(v)} />);
    const carT = screen.getByLabelText('CAR-T');
    // CAR-T sits in the list under Cell therapy.
    expect(carT.closest('ul')?.closest('li')?.textContent).toContain('Cell therapy');
    act(() => {
      fireEvent.click(carT);
    });
    act(() => {
      fireEvent.click(screen.getByLabelText('RNA therapeutics'));
    });
    expect(seen.at(-1)).toEqual(['car_t', 'rna']);
    expect(screen.getByRole('alert').textContent).toBe('modalities must be known codes');
    expect(screen.getByRole('group', { name: 'Modalities' }).getAttribute('aria-describedby')).toBeTruthy();
  });
});
