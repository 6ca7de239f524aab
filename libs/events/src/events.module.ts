import { Global, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_BUS, type EventBus, InProcessEventBus } from './event-bus.js';

/** The app's one event bus, for every lib that publishes or subscribes. */
@Global()
@Module({
  providers: [{ provide: EVENT_BUS, useFactory: (): EventBus => new InProcessEventBus() }],
  exports: [EVENT_BUS],
})
export class EventsModule implements OnModuleDestroy {
  constructor(@Inject(EVENT_BUS) private readonly bus: EventBus) {}

  async onModuleDestroy(): Promise<void> {
    await this.bus.close();
  }
}
