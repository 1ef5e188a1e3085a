int smb2_compound_op(const unsigned int xid, struct kvec *err_iov, int *err_buftype)
{
	int resp_buftype[3];
	resp_buftype[0] = resp_buftype[1] = resp_buftype[2] = CIFS_NO_BUFFER;
	memcpy(err_buftype, resp_buftype, 3 * sizeof(*err_buftype));
	return 0;
}
