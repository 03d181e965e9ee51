/** Port: the status of a site's Ceph cluster. */
package io.dayshift.ceph;
