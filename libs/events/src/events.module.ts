import { Global, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../common/src/index.js';
import { EVENT_BUS, type EventBus, InProcessEventBus } from './event-bus.js';
import { RedisEventBus } from './redis-event-bus.js';

/** The bus the configuration asks for: Redis when REDIS_URL is set (replicas share events), else this process alone. */
export async function createEventBus(config: Pick<AppConfig, 'REDIS_URL'>): Promise<EventBus> {
  return config.REDIS_URL ? RedisEventBus.connect(config.REDIS_URL) : new InProcessEventBus();
}

/** The app's one event bus, for every lib that publishes or subscribes. */
@Global()
@Module({
  providers: [{ provide: EVENT_BUS, inject: [APP_CONFIG], useFactory: (config: AppConfig): Promise<EventBus> => createEventBus(config) }],
  exports: [EVENT_BUS],
})
export class EventsModule implements OnModuleDestroy {
  constructor(@Inject(EVENT_BUS) private readonly bus: EventBus) {}

  async onModuleDestroy(): Promise<void> {
    await this.bus.close();
  }
}
