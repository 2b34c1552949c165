/**
 * One connection to a card: the channel, the secure-messaging session once access control has
 * run (SM decorates the plain transport, as in JMRTD), and the APDU count of the connection.
 */
import type { CardChannel } from '../../common/card-channel.ts';
import { type CommandApdu, type ResponseApdu, decodeResponse, encodeCommand } from './apdu.ts';
import type { SecureMessaging } from './secure-messaging.ts';

export class CardSession {
  readonly channel: CardChannel;
  private secure: SecureMessaging | null = null;
  apduCount = 0;

  constructor(channel: CardChannel) {
    this.channel = channel;
  }

  get secured(): boolean {
    return this.secure !== null;
  }

  get cipher(): SecureMessaging['cipher'] | null {
    return this.secure?.cipher ?? null;
  }

  startSecureMessaging(sm: SecureMessaging): void {
    this.secure?.wipe();
    this.secure = sm;
  }

  /** Sends without SM (access control, EF.CardAccess). */
  readonly sendPlain = async (command: CommandApdu): Promise<ResponseApdu> => {
    this.apduCount++;
    return decodeResponse(await this.channel.transmit(encodeCommand(command)));
  };

  /** Sends under SM when a session is established, plain otherwise. */
  readonly send = async (command: CommandApdu): Promise<ResponseApdu> => {
    if (this.secure === null) return this.sendPlain(command);
    const sm = this.secure;
    this.apduCount++;
    return sm.unprotect(await this.channel.transmit(sm.protect(command)));
  };

  async close(): Promise<void> {
    this.secure?.wipe();
    this.secure = null;
    await this.channel.close().catch(() => undefined);
  }
}
