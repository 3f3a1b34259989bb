/** Setup file of the integration project: this worker's handlers record their AWS calls into the run's log. */
import { inject } from 'vitest';
import { recordAwsCalls } from './aws-calls';

recordAwsCalls({ file: inject('awsCallLog') });
