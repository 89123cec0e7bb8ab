/**
 * The staffing arrangements of the two seed records, as a client sends them in `staffingArrangements`.
 * Each quotes the words of the record it represents; nothing is added that the record does not say.
 */

/** Oldham, "Additional staffing to support Multi-Agency Safeguarding Hub Development", decided 18/11/2020. */
export const OLDHAM_ARRANGEMENTS = [
  {
    // 1. "50% of the time of an Early Help Development Team supervisor … 50% of the cost of the post from
    //    1 October 2020 - 31 March 2021 will be funded from DfE social care transformation funding for Team Around the School"
    kind: 'time-allocation',
    title: 'Early Help Development Team supervisor: 50% of time to the team around the school and community model',
    count: 1,
    fte: 0.5,
    start: '2020-10-01',
    end: '2021-03-31',
    funding: { source: 'DfE social care transformation funding for Team Around the School', amount: null, share: '50%' },
  },
  {
    // 2a. "Appointing an agency Senior Practitioner for a 6 month period from 1 December 2020 – 31 May 2021"
    kind: 'agency',
    title: 'Agency Senior Practitioner, Early Help triage in the MASH',
    count: 1,
    start: '2020-12-01',
    end: '2021-05-31',
  },
  {
    // 2b. "extending an existing maternity cover arrangement for a Customer Service Officer to receive an
    //     honorarium to act as an Early Help Process officer from 27 September 2020 – 31 March 2021"
    kind: 'honorarium',
    title: 'Customer Service Officer acting as Early Help Process officer (extended maternity cover)',
    count: 1,
    start: '2020-09-27',
    end: '2021-03-31',
  },
  {
    // 2c. "A Children's Social Care MASH Customer Service Officer to receive an honorarium to act as Early Help
    //     Process officer … (increase 2 scale points from Grade 4 to Grade 5 from 1 September 2020 – March 2021)"
    kind: 'honorarium',
    title: "Children's Social Care MASH Customer Service Officer acting as Early Help Process officer",
    count: 1,
    fromGrade: 'Grade 4',
    toGrade: 'Grade 5',
    scalePoints: 2,
    start: '2020-09-01',
    end: '2021-03',
  },
  {
    // 2d. "Increasing the hours of a Grade 2 Business Support officer from half-time to full-time for six weeks"
    kind: 'hours-change',
    title: 'Business Support officer: half-time to full-time to input Early Help cases into Mosaic',
    count: 1,
    grade: 'Grade 2',
    hoursFrom: 18.5,
    hoursTo: 37,
    start: null,
    duration: 'P6W',
  },
];

/** Doncaster ODR "LOP&S - 2021035", date of decision 15/02/2021: £226k from the COVID-19 pressures fund. */
export const DONCASTER_ARRANGEMENTS = [
  {
    // "2 FTE Early Help Pathway Leads (Grade 9) temporary for 12 months." "Alison Tomes (Early Help Manager)
    //  will manage the additional Early Help Pathway Leads."
    kind: 'temporary-post',
    title: 'Early Help Pathway Lead',
    count: 2,
    fte: 2,
    grade: 'Grade 9',
    start: null,
    duration: 'P12M',
    funding: { source: 'COVID-19 pressures fund', amount: null, share: null },
    manager: { name: 'Alison Tomes', userId: null, email: null },
  },
  {
    // "4 FTE Family Lead Practitioners (Grade 7) temporary for 12 months"; the decision: "Recruit to four
    //  temporary agency posts". Read as fixed-term posts, like the leads' (the register's reading of the seed).
    kind: 'temporary-post',
    title: 'Family Lead Practitioner',
    count: 4,
    fte: 4,
    grade: 'Grade 7',
    start: null,
    duration: 'P12M',
    funding: { source: 'COVID-19 pressures fund', amount: null, share: null },
  },
];
