// For `typeorm migration:generate` against a real database: DATABASE_URL must be set.
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../../../apps/api/entities.js';
import { dataSourceOptions } from './data-source-options.js';

if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL must be set to generate a migration');
export default new DataSource(dataSourceOptions({ url: process.env.DATABASE_URL, poolSize: 1 }, ALL_ENTITIES));
