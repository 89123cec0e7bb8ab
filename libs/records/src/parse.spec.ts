import { describe, expect, it } from '@jest/globals';
import { parseDecisionRecord } from './parse.js';
import type { DecisionRecord } from './record.js';
import { seedText } from './testing/seeds.js';

function parsed(input: string, format?: 'text' | 'html'): DecisionRecord {
  const result = parseDecisionRecord(input, { format });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.record;
}

describe('parsing the seeds', () => {
  it("reads every field of Oldham's record", () => {
    const r = parsed(seedText('oldham'));
    expect(r.reference).toBeNull();
    expect(r.title).toBe('Additional staffing to support Multi-Agency Safeguarding Hub Development');
    expect(r.decisionMaker).toBe('Managing Director Children and Young People (DCS)');
    expect(r.status).toBe('Recommendations Approved');
    expect(r.isKeyDecision).toBe(false);
    expect(r.isSubjectToCallIn).toBe(false);
    expect(r.purpose?.split('\n')).toHaveLength(5);
    expect(r.purpose).toMatch(/^During October 2020 – March 2021 there will be/);
    expect(r.purpose).toContain('• Development of an integrated Children’s Services team in the MASH;');
    expect(r.purpose).toMatch(/service structures and systems are in transition\.$/);
    expect(r.decision.preamble).toBe('RESOLVED - That:');
    expect(r.decision.recommendations.map((x) => x.marker)).toEqual(['1.', '2.', 'a)', 'b)', 'c)', 'd)']);
    expect(r.decision.recommendations[0].text).toMatch(/^50% of the time of an Early Help Development Team supervisor .* for Team Around the School$/);
    expect(r.decision.recommendations[1].text).toBe('Early Help capacity within the MASH be strengthened by:');
    expect(r.decision.recommendations[2].text).toMatch(/^Appointing an agency Senior Practitioner for a 6 month period from 1 December 2020 – 31 May 2021/);
    expect(r.decision.recommendations[3].text).toMatch(/maternity cover arrangement .* from 27 September 2020 – 31 March 2021;$/);
    expect(r.decision.recommendations[4].text).toMatch(/\(increase 2 scale points from Grade 4 to Grade 5 from 1 September 2020 – March 2021\)$/);
    expect(r.decision.recommendations[5].text).toMatch(/^Increasing the hours of a Grade 2 Business Support officer from half-time to full-time for six weeks/);
    expect(r.reasons).toBe('Option 1 - To agree the additional temporary capacity\nOption 2 - Not to agree the additional temporary capacity');
    expect(r.alternativeOptions).toBe('Option 2 - Not to agree the additional temporary capacity');
    expect(r.otherConsulted).toBe("There has been consultation with the teams affected, HR, finance, legal services and the Director of Children's Social Care");
    expect(r.contact).toEqual({
      name: 'Bruce Penhale',
      post: 'Head of Stronger Communities Service',
      phone: '0161 770 4196',
      emails: ['bruce.penhale@oldham.gov.uk'],
    });
    expect(r.publicationDate).toBe('2020-11-18');
    expect(r.dateOfDecision).toBe('2020-11-18');
    expect(r.effectiveFrom).toBeNull();
    expect(r.documents).toEqual([]);
  });

  it("reads every field of Doncaster's record, the reference from its title line", () => {
    const r = parsed(seedText('doncaster'));
    expect(r.reference).toBe('LOP&S - 2021035');
    expect(r.title).toBe(
      'Temporary additional staffing to support vulnerable children and young people who step down from social care, in particular into educational settings, many of whom have Social, Emotional and Mental Health (SEMH) needs.',
    );
    expect(r.decisionMaker).toBe('Director of Learning, Opportunities and Skills');
    expect(r.status).toBe('For Determination');
    expect(r.isKeyDecision).toBe(false);
    expect(r.isSubjectToCallIn).toBe(false);
    const purpose = r.purpose!.split('\n');
    expect(purpose).toHaveLength(8);
    expect(purpose[5]).toBe('- 2 FTE Early Help Pathway Leads (Grade 9) temporary for 12 months.');
    expect(purpose[6]).toBe('- 4 FTE Family Lead Practitioners (Grade 7) temporary for 12 months');
    expect(purpose[7]).toBe('Alison Tomes (Early Help Manager) will manage the additional Early Help Pathway Leads.');
    expect(r.decision.preamble).toBeNull();
    expect(r.decision.recommendations).toEqual([
      { marker: null, text: expect.stringMatching(/^Recruit to four temporary agency posts .* with direct early help support\.$/) },
      { marker: null, text: 'Provide additional leadership capacity by adding two temporary Early Help Pathway leads to support the early intervention process.' },
      { marker: null, text: 'Allocate funding of £226k from the Council’s COVID-19 pressures fund.' },
    ]);
    expect(r.reasons).toBeNull();
    expect(r.alternativeOptions).toMatch(/^Do Nothing – The impact of doing nothing is not a viable option.* due to the current circumstances\.$/);
    expect(r.otherConsulted).toBeNull();
    expect(r.contact).toBeNull();
    expect(r.publicationDate).toBe('2021-03-02');
    expect(r.dateOfDecision).toBe('2021-02-15');
    expect(r.documents).toEqual([]);
  });
});

describe('untidy records', () => {
  const minimal = (extra: string) => `Decision details\n\nA title\n\nDecision Maker: Director of Place,\n\nDecision:\n\nDo it.\n\nDate of decision: 01/02/2021\n\n${extra}`;

  it('drops a trailing comma from the decision maker and reads statuses in any case', () => {
    const r = parsed(minimal('Decision status: recommendations APPROVED (subject to call in)'));
    expect(r.decisionMaker).toBe('Director of Place');
    expect(r.status).toBe('Recommendations Approved (subject to call-in)');
  });

  it('keeps a status it does not know as written, and reads the status apart from the call-in line', () => {
    const r = parsed(minimal('Decision status: Noted\n\nIs subject to call in? No'));
    expect(r.status).toBe('Noted');
    expect(r.isSubjectToCallIn).toBe(false);
  });

  it('names every missing required field, and nothing else', () => {
    const result = parseDecisionRecord('Decision details\n\nDecision status: For Determination\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.missing.sort()).toEqual(['dateOfDecision', 'decision', 'decisionMaker', 'title']);
    expect(result.problems.find((p) => p.field === 'dateOfDecision')?.message).toMatch(/Date of decision/);
  });

  it('refuses a date of decision that is not a date, saying how to write it', () => {
    const result = parseDecisionRecord(minimal('').replace('01/02/2021', '31/02/2021'));
    expect(result).toMatchObject({ ok: false, missing: ['dateOfDecision'] });
    if (!result.ok) expect(result.problems[0].message).toMatch(/dd\/mm\/yyyy/);
  });

  it('warns about, but accepts, an unreadable optional date', () => {
    const result = parseDecisionRecord(minimal('Publication date: soon'));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.record.publicationDate).toBeNull();
      expect(result.warnings).toEqual([expect.objectContaining({ field: 'publicationDate' })]);
    }
  });

  it('reads dates written out in words, and the extra fields registers add', () => {
    const r = parsed(
      minimal('Effective from: 9th February 2021\n\nWards affected: Hyde Park; Woodhouse\n\nUrgent item?: Yes\n\nReport author: A Person\n\nConflict of interest declared:\n\nNone'),
    );
    expect(r.effectiveFrom).toBe('2021-02-09');
    expect(r.wardsAffected).toEqual(['Hyde Park', 'Woodhouse']);
    expect(r.isUrgent).toBe(true);
    expect(r.reportAuthor).toBe('A Person');
    expect(r.conflictsOfInterest).toBe('None');
  });

  it('reads documents with and without addresses, dropping the file size ModernGov adds', () => {
    const r = parsed(minimal('Accompanying Documents:\n\nReport to Cabinet PDF 368 KB <https://example.org/r.pdf>\nAppendix A'));
    expect(r.documents).toEqual([
      { title: 'Report to Cabinet', url: 'https://example.org/r.pdf' },
      { title: 'Appendix A', url: null },
    ]);
  });

  it('reads a ModernGov page: labels in spans, headings, numbered lists and document links', () => {
    const html = `<html><body><div class="mgHeader">Menu</div><div class="mgContent">
      <h2 class="mgSubTitleTxt">KD 2021/035 - Library opening hours</h2>
      <p><span class="mgLabel">Decision Maker: </span>Cabinet Member for Culture,</p>
      <p><span class="mgLabel">Decision status: </span>Recommendations approved</p>
      <p><span class="mgLabel">Is Key decision?: </span>Yes</p>
      <p><span class="mgLabel">Is subject to call in?: </span>Yes</p>
      <h3 class="mgSubSubTitleTxt">Purpose:</h3><p>To set the hours.</p>
      <h3 class="mgSubSubTitleTxt">Decision:</h3><p>That:</p><ol><li>the hours be set;</li><li>the &amp; sign be kept.</li></ol>
      <p><span class="mgLabel">Publication date: </span>02/03/2021</p>
      <p><span class="mgLabel">Date of decision: </span>01/03/2021</p>
      <h3 class="mgSubSubTitleTxt">Accompanying Documents: </h3>
      <ul class="mgBulletList"><li><a href="documents/s1/Report.pdf">Report PDF 120 KB</a></li></ul>
    </div></body></html>`;
    const r = parsed(html);
    expect(r).toMatchObject({
      reference: 'KD 2021/035',
      title: 'Library opening hours',
      decisionMaker: 'Cabinet Member for Culture',
      status: 'Recommendations Approved',
      isKeyDecision: true,
      isSubjectToCallIn: true,
      purpose: 'To set the hours.',
      publicationDate: '2021-03-02',
      dateOfDecision: '2021-03-01',
      documents: [{ title: 'Report', url: 'documents/s1/Report.pdf' }],
    });
    expect(r.decision).toEqual({
      preamble: 'That:',
      recommendations: [
        { marker: '1.', text: 'the hours be set;' },
        { marker: '2.', text: 'the & sign be kept.' },
      ],
    });
  });

  it('never throws on nonsense, and says the input is empty when it is', () => {
    for (const input of ['', '   \n\r\n', '<html></html>', '<<<>>>', 'Decision:', '\u0000\uFFFF']) {
      const result = parseDecisionRecord(input);
      expect(result.ok).toBe(false);
    }
    expect(parseDecisionRecord('')).toMatchObject({ ok: false, missing: ['input'] });
  });
});
