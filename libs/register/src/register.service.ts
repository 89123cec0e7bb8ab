import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Feed } from 'feed';
import { DataSource } from 'typeorm';
import { checkClearDays } from '#libs/calendar';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { renderDecisionRecord, renderDecisionText, titleLine, ukDate } from '#libs/records';
import { VIEWS, type Views } from '#libs/views';
import { jsonLd, toPublicDecision, toRecord, type PublicDecision } from './public-decision.js';
import type { PublicQuery } from './public-query.js';
import { RegisterRepository, type RegisterFilter } from './register.repository.js';

/** Bumped when a page's markup changes, so a cached copy is not answered 304 across a deployment. */
const PAGES_VERSION = 2;
const FEED_SIZE = 50;
const RANGE_LIMIT = 1000;

export interface Page<T> {
  body: T;
  /** Strong validator of what the body shows (not of per-request bits such as a CSP nonce). */
  etag: string;
  lastModified: Date | null;
}

export interface ForwardPlanItem {
  reference: string;
  title: string;
  decisionMaker: { title: string };
  /** YYYY-MM-DD it first appeared on the notice of key decisions. */
  noticeAt: string;
  /** YYYY-MM-DD it is planned to be taken, when set. */
  plannedAt: string | null;
  /** Clear days between the notice and the planned date (neither counted), when both are known. */
  clearDays: number | null;
  /** The notice rule is met: enough clear days, or an exception recorded; null while no date is planned. */
  noticeMet: boolean | null;
  /** `general-exception` / `special-urgency` when one was used instead of the full notice. */
  exception: string | null;
}

/**
 * What frames a GOV.UK register page: the web app's navigation, who is signed in, the frame template
 * (`web/page.njk` for the web app's own pages). Left out, the public service's header alone.
 */
export type PageChrome = Record<string, unknown>;

export function etagOf(...parts: unknown[]): string {
  return `"${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32)}"`;
}

/**
 * The public register: published decisions only (see visibility.ts), public fields only (see
 * public-decision.ts), as JSON, the seeds' text, GOV.UK pages, ModernGov-shaped pages and Atom.
 */
@Injectable()
export class RegisterService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(VIEWS) private readonly views: Views,
  ) {}

  private get repository() {
    return new RegisterRepository(this.dataSource.manager, this.config.register.publishPending);
  }

  get publicUrl() {
    return this.config.publicUrl;
  }

  /** The header of the register's GOV.UK pages: the same service name as the staff pages, home the register. */
  get publicChrome(): PageChrome {
    return { serviceName: `${this.config.council.name} decisions`, serviceUrl: '/register' };
  }

  get maxPageSize() {
    return this.config.register.maxPageSize;
  }

  links(d: PublicDecision) {
    const base = this.config.publicUrl;
    return {
      self: `${base}/api/public/decisions/${d.id}`,
      page: `${base}/ieDecisionDetails.aspx?ID=${d.number}`,
    };
  }

  /** The JSON representation of one published decision. */
  represent(d: PublicDecision) {
    const { updatedAt: _updatedAt, referenceGiven: _referenceGiven, ...rest } = d;
    return { ...rest, links: this.links(d) };
  }

  async list(query: PublicQuery): Promise<Page<{ items: ReturnType<RegisterService['represent']>[]; total: number; page: number; pageSize: number }>> {
    const { rows, total, lastModified } = await this.repository.search(query, query.page, query.pageSize);
    const body = { items: rows.map(toPublicDecision).map((d) => this.represent(d)), total, page: query.page, pageSize: query.pageSize };
    return { body, etag: etagOf('list', body), lastModified };
  }

  async find(idOrReference: string): Promise<PublicDecision | null> {
    const row = await this.repository.findByIdOrReference(idOrReference);
    return row ? toPublicDecision(row) : null;
  }

  async findByNumber(number: number): Promise<PublicDecision | null> {
    const row = await this.repository.findByNumber(number);
    return row ? toPublicDecision(row) : null;
  }

  /** Decisions taken in a date range (either end open), newest first: the ModernGov list page. */
  async between(from: string | null, to: string | null): Promise<PublicDecision[]> {
    const filter: RegisterFilter = { q: null, decisionMaker: null, states: null, isKeyDecision: null, ward: null, from, to };
    const { rows } = await this.repository.search(filter, 1, RANGE_LIMIT);
    return rows.map(toPublicDecision);
  }

  /** One decision in the seeds' text layout. */
  text(d: PublicDecision): Page<string> {
    return { body: renderDecisionRecord(toRecord(d)), etag: etagOf('text', d), lastModified: new Date(d.updatedAt) };
  }

  json(d: PublicDecision): Page<ReturnType<RegisterService['represent']>> {
    const body = this.represent(d);
    return { body, etag: etagOf('json', body), lastModified: new Date(d.updatedAt) };
  }

  /** The "Decision details" page: the seeds' labels in the seeds' order, dates as dd/mm/yyyy, JSON-LD. */
  decisionPage(d: PublicDecision, cspNonce: string | undefined, chrome: PageChrome = {}): Page<string> {
    const record = toRecord(d);
    const links = this.links(d);
    const ld = JSON.stringify(jsonLd(d, { page: links.self, councilName: this.config.council.name })).replace(/</g, '\\u003c');
    const body = this.views.render('register/decision.njk', {
      ...this.publicChrome,
      ...chrome,
      pageTitle: record.title,
      cspNonce,
      record,
      titleLine: titleLine(record),
      decisionLines: renderDecisionText(record.decision),
      jsonLd: ld,
      links,
    });
    return { body, etag: etagOf('decision-page', PAGES_VERSION, d), lastModified: new Date(d.updatedAt) };
  }

  /** ieDecisionDetails.aspx: the markup existing register readers scrape. */
  compatibleDecisionPage(d: PublicDecision, cspNonce: string | undefined): Page<string> {
    const record = toRecord(d);
    const body = this.views.render('register/mg-decision-details.njk', {
      pageTitle: 'Decision details',
      cspNonce,
      record,
      titleLine: titleLine(record),
      decisionLines: renderDecisionText(record.decision),
      links: this.links(d),
    });
    return { body, etag: etagOf('mg-decision', PAGES_VERSION, d), lastModified: new Date(d.updatedAt) };
  }

  /** mgDelegatedDecisions.aspx: links to each decision's page, its publication date in the second cell. */
  compatibleListPage(decisions: PublicDecision[], range: { dr: string; from: string | null; to: string | null }, cspNonce: string | undefined): Page<string> {
    const body = this.views.render('register/mg-delegated-decisions.njk', {
      pageTitle: 'Delegated decisions',
      cspNonce,
      range: { from: range.from ? ukDate(range.from) : null, to: range.to ? ukDate(range.to) : null },
      decisions,
    });
    return { body, etag: etagOf('mg-list', PAGES_VERSION, range, decisions), lastModified: newest(decisions) };
  }

  async feed(filter: RegisterFilter, selfUrl: string): Promise<Page<string>> {
    const decisions = (await this.repository.recentlyChanged(filter, FEED_SIZE)).map(toPublicDecision);
    const updated = newest(decisions) ?? new Date(0);
    const council = this.config.council.name;
    const feed = new Feed({
      title: `${council}: decisions`,
      description: `Decisions published and changed on the register of ${council}`,
      id: selfUrl,
      link: `${this.config.publicUrl}/mgDelegatedDecisions.aspx`,
      updated,
      generator: 'Ratify',
      feedLinks: { atom: selfUrl },
      author: { name: council },
      copyright: council,
      language: 'en-GB',
    });
    for (const d of decisions) {
      const links = this.links(d);
      feed.addItem({
        title: `${d.reference} – ${d.title}`,
        id: `urn:uuid:${d.id}`,
        link: links.page,
        date: new Date(d.updatedAt),
        published: d.dates.publishedAt ? new Date(`${d.dates.publishedAt}T00:00:00Z`) : undefined,
        description: `${d.status}. Decision maker: ${d.decisionMaker.title}.${d.dates.decidedAt ? ` Date of decision: ${ukDate(d.dates.decidedAt)}.` : ''}`,
        content: renderDecisionRecord(toRecord(d)),
        author: [{ name: d.decisionMaker.title }],
        category: [
          { term: d.status, name: d.status },
          ...(d.isKeyDecision ? [{ term: 'Key decision', name: 'Key decision' }] : []),
          ...d.wardsAffected.map((w) => ({ term: w, name: w })),
        ],
      });
    }
    const body = feed.atom1();
    return { body, etag: etagOf('feed', body), lastModified: decisions.length ? updated : null };
  }

  /** Every key decision on the notice of key decisions and still to be taken, with whether its notice is met. */
  async forwardPlan(): Promise<Page<{ clearDaysRequired: number; items: ForwardPlanItem[] }>> {
    const rows = await this.repository.forwardPlan();
    // The constitution's forward-plan rule (calendar or working clear days), as the key-decision guard counts it.
    const rule = this.config.council.constitution.forwardPlan;
    const required = rule.days;
    const items = rows.map((r): ForwardPlanItem => {
      const check = r.planned_determination_at ? checkClearDays(r.forward_plan_notice_at, r.planned_determination_at, rule) : null;
      const clearDays = check?.clearDays ?? null;
      const exception = r.urgency === 'none' ? null : r.urgency;
      return {
        reference: r.reference,
        title: r.title,
        decisionMaker: { title: r.decision_maker_title },
        noticeAt: r.forward_plan_notice_at,
        plannedAt: r.planned_determination_at,
        clearDays,
        noticeMet: exception ? true : check ? check.met : null,
        exception,
      };
    });
    const body = { clearDaysRequired: required, items };
    const lastModified = rows.reduce<Date | null>((m, r) => (!m || r.updated_at > m ? r.updated_at : m), null);
    return { body, etag: etagOf('forward-plan', body), lastModified };
  }

  forwardPlanPage(plan: { clearDaysRequired: number; items: ForwardPlanItem[] }, cspNonce: string | undefined, chrome: PageChrome = {}): Page<string> {
    const body = this.views.render('register/forward-plan.njk', { ...this.publicChrome, ...chrome, pageTitle: 'Forward plan of key decisions', cspNonce, plan });
    return { body, etag: etagOf('forward-plan-page', PAGES_VERSION, plan), lastModified: null };
  }
}

function newest(decisions: PublicDecision[]): Date | null {
  return decisions.reduce<Date | null>((m, d) => {
    const at = new Date(d.updatedAt);
    return !m || at > m ? at : m;
  }, null);
}
