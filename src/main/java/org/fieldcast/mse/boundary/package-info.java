/**
 * The MSE entry point: {@link org.fieldcast.mse.boundary.MseSocket} ({@code /ws/mse}, many cameras' H.264
 * fragments on one socket). It holds a viewer lease on each subscribed camera's stream.
 */
package org.fieldcast.mse.boundary;
