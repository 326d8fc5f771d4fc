/**
 * The Slack workspace of one run: channels, DMs and their messages (posted messages are appended and
 * seen by later reads). A caller sees public channels and the private channels and DMs it is a member
 * of; a bot token acts as the bot user, which sees only public channels and where it was invited.
 */
import type { SlackFixture } from '../../fixtures/vendors/index.ts';
import type { Caller } from '../core/callerAuth.ts';

type Channel = SlackFixture['channels'][number];
type Message = Channel['messages'][number];

export type MutableChannel = Omit<Channel, 'messages'> & { messages: Message[] };

export interface ScheduledMessage {
  readonly id: string;
  readonly channelId: string;
  readonly userId: string;
  readonly text: string;
  /** Unix seconds, as Slack's `post_at`. */
  readonly postAt: number;
}

export class SlackWorkspace {
  readonly fixture: SlackFixture;
  #channels: MutableChannel[] = [];
  #scheduled: ScheduledMessage[] = [];

  constructor(fixture: SlackFixture) {
    this.fixture = fixture;
    this.reset();
  }

  reset(): void {
    this.#channels = this.fixture.channels.map((c) => ({ ...c, messages: [...c.messages] }));
    this.#scheduled = [];
  }

  /** Scheduled ids count per run (Q + 10 digits, Slack's shape), so they repeat across runs. */
  schedule(channel: MutableChannel, userId: string, text: string, postAt: number): ScheduledMessage {
    const scheduled = { id: `Q${String(this.#scheduled.length + 1).padStart(10, '0')}`, channelId: channel.id, userId, text, postAt };
    this.#scheduled.push(scheduled);
    return scheduled;
  }

  scheduledMessages(): readonly ScheduledMessage[] {
    return this.#scheduled;
  }

  /** The Slack user id a caller acts as. */
  memberId(caller: Caller): string {
    return caller.actor === 'bot' ? this.fixture.bot.userId : caller.accountId;
  }

  visibleChannels(caller: Caller): MutableChannel[] {
    const me = this.memberId(caller);
    return this.#channels.filter((c) => c.kind === 'public_channel' || c.members.includes(me));
  }

  visibleChannel(caller: Caller, id: string): MutableChannel | undefined {
    return this.visibleChannels(caller).find((c) => c.id === id);
  }

  isMember(caller: Caller, channel: MutableChannel): boolean {
    return channel.members.includes(this.memberId(caller));
  }

  post(channel: MutableChannel, userId: string, text: string): Message {
    const last = channel.messages.at(-1);
    // Timestamps keep counting from the seeded history, so ordering stays deterministic and unique.
    const seconds = Math.max(last ? Math.floor(Number(last.ts)) : 0, Math.floor(Date.now() / 1000)) + 1;
    const message: Message = { ts: `${seconds}.000100`, userId, text };
    channel.messages.push(message);
    return message;
  }

  user(id: string): { id: string; name: string; realName: string; isBot: boolean } | undefined {
    if (id === this.fixture.bot.userId) return { id, name: this.fixture.bot.name, realName: this.fixture.bot.name, isBot: true };
    const account = this.fixture.accounts.find((a) => a.id === id);
    return account && { id, name: account.login, realName: account.name, isBot: false };
  }
}
